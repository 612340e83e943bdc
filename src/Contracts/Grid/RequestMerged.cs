namespace Community.Contracts;

/// <summary>Staff merged a duplicate request into its original; the duplicate is done and its reporter follows the original.</summary>
public sealed record RequestMerged(Guid RequestId, Guid IntoRequestId, string Category, Guid BuildingId, Guid? GridId, DateTimeOffset MergedAt);
