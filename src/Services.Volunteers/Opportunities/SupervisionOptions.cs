namespace Community.Services.Volunteers.Opportunities;

/// <summary>Settings under <c>Supervision</c>.</summary>
public sealed class SupervisionOptions
{
    public int ChildrenPerAdult { get; set; } = 5;
}
