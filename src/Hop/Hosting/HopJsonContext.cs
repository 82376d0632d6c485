using System.Text.Json;
using System.Text.Json.Serialization;
using Hop.Accounts;
using Hop.Clicks;
using Hop.Clicks.Stats;
using Hop.Clicks.Writing;
using Hop.Links;
using Hop.Links.Routing;
using Hop.Redirects;
using Hop.Safety.Blocklist;
using Hop.Safety.Reports;
using Microsoft.AspNetCore.Mvc;

namespace Hop.Hosting;

/// <summary>The one source-generated serializer context for API bodies.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CreateLinkRequest))]
[JsonSerializable(typeof(LinkResponse))]
[JsonSerializable(typeof(LinkPage))]
[JsonSerializable(typeof(LinkPatchDocument))]
[JsonSerializable(typeof(BatchRequest))]
[JsonSerializable(typeof(BatchResponse))]
[JsonSerializable(typeof(ClickEvent))]
[JsonSerializable(typeof(ClickBatch))]
[JsonSerializable(typeof(LinkStatsResponse))]
[JsonSerializable(typeof(StatsOverviewResponse))]
[JsonSerializable(typeof(ClickAccountingResponse))]
[JsonSerializable(typeof(LiveVisits))]
[JsonSerializable(typeof(RelayedBatch))]
[JsonSerializable(typeof(RegisterRequest))]
[JsonSerializable(typeof(UserResponse))]
[JsonSerializable(typeof(TokenRequest))]
[JsonSerializable(typeof(RefreshRequest))]
[JsonSerializable(typeof(TokenResponse))]
[JsonSerializable(typeof(CreateKeyRequest))]
[JsonSerializable(typeof(KeyResponse[]))]
[JsonSerializable(typeof(CreatedKeyResponse))]
[JsonSerializable(typeof(CreateInviteRequest))]
[JsonSerializable(typeof(InviteResponse))]
[JsonSerializable(typeof(Page<UserResponse>))]
[JsonSerializable(typeof(Page<AdminLinkResponse>))]
[JsonSerializable(typeof(ProblemDetails))]
[JsonSerializable(typeof(HttpValidationProblemDetails))]
[JsonSerializable(typeof(CachedLink))]
[JsonSerializable(typeof(List<RedirectRule>))]
[JsonSerializable(typeof(List<Variant>))]
[JsonSerializable(typeof(LinkPreview))]
[JsonSerializable(typeof(CreateReportRequest))]
[JsonSerializable(typeof(CreatedReportResponse))]
[JsonSerializable(typeof(ReportActionRequest))]
[JsonSerializable(typeof(ReportResponse))]
[JsonSerializable(typeof(Page<ReportResponse>))]
[JsonSerializable(typeof(AccountExportResponse))]
[JsonSerializable(typeof(DeleteAccountRequest))]
[JsonSerializable(typeof(ChangePasswordRequest))]
[JsonSerializable(typeof(BlocklistAddRequest))]
[JsonSerializable(typeof(BlocklistAddResponse))]
[JsonSerializable(typeof(BlocklistRemoveResponse))]
[JsonSerializable(typeof(BlocklistImportResult))]
[JsonSerializable(typeof(Page<BlocklistEntryResponse>))]
internal sealed partial class HopJsonContext : JsonSerializerContext;
