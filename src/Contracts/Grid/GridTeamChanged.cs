namespace Community.Contracts;

/// <summary>Someone took up or left a role in a grid's 1+2+X team.</summary>
/// <param name="Role">secretary, building-leader, youth-representative or volunteer.</param>
/// <param name="Change">joined or left.</param>
public sealed record GridTeamChanged(Guid GridId, Guid VolunteerId, string Role, string Change, DateTimeOffset ChangedAt);
