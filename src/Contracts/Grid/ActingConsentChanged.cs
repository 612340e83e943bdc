namespace Community.Contracts;

/// <summary>
/// A resident's consent that someone may act for them (e.g. register them for activities) was recorded or withdrawn.
/// Services that take actions on a person's behalf check it, from their own copy, before they act.
/// </summary>
/// <param name="ActorAccountId">The account allowed to act (a grid worker, a staff member, a relative).</param>
/// <param name="Purpose">What for, e.g. <c>activities</c>.</param>
/// <param name="WithdrawnAt">Set when the consent was withdrawn; the consent no longer holds from then on.</param>
public sealed record ActingConsentChanged(
    Guid ConsentId, Guid ResidentId, Guid ActorAccountId, string Purpose, DateTimeOffset ValidUntil, DateTimeOffset? WithdrawnAt, DateTimeOffset ChangedAt);
