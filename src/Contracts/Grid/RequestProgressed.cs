namespace Community.Contracts;

/// <summary>
/// A resident request moved on (accepted, started, returned, resolved, closed, closed unresolved, reopened), for telling
/// the person who reported it. Internal only, never forwarded to partners: it names the reporter (an account, or a
/// resident record for a report taken in on their behalf). The team never learns who an anonymous reporter is from it.
/// No free text.
/// </summary>
public sealed record RequestProgressed(Guid RequestId, string Status, string Category, Guid? ReporterId, DateTimeOffset ProgressedAt);
