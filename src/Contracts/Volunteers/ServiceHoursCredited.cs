namespace Community.Contracts;

/// <summary>Service hours were credited to a volunteer (from a completed session, or a log a supervisor confirmed). No contact details.</summary>
public sealed record ServiceHoursCredited(Guid CreditId, Guid VolunteerId, int Minutes, string Source, Guid SourceId, DateTimeOffset CreditedAt);
