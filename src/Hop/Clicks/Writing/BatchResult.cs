namespace Hop.Clicks.Writing;

internal readonly record struct BatchResult(int Stored, int Duplicates);
