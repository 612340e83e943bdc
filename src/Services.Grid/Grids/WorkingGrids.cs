namespace Community.Services.Grid.Grids;

/// <summary>
/// The grids a caller works: every grid for staff (<see cref="All"/>), the grids of their current teams for a
/// grid worker, none for anyone else.
/// </summary>
public sealed record WorkingGrids(bool All, IReadOnlyList<Guid> Teams)
{
    public static readonly WorkingGrids Every = new(true, []);

    /// <summary>Whether something in <paramref name="gridId"/> is the caller's work (null: in no grid, staff only).</summary>
    public bool Includes(Guid? gridId) => All || (gridId is { } id && Teams.Contains(id));
}
