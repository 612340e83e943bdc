using Community.Identity.Data;
using Community.Persistence;
using Community.Services.Activities.Data;
using Community.Services.Grid.Data;
using Community.Services.Notices.Data;
using Microsoft.EntityFrameworkCore;

namespace Community.Unit.Tests.Platform;

/// <summary>
/// Erasure takes a person's name out of every "who did it" column, found by the naming convention (<c>…By</c>, with
/// <c>…ByName</c> beside it): these pin that the convention finds the columns that hold names today.
/// </summary>
public sealed class ActorErasureTests
{
    private static Microsoft.EntityFrameworkCore.Metadata.IModel ModelOf<T>(Func<DbContextOptions<T>, T> create) where T : DbContext =>
        create(new DbContextOptionsBuilder<T>().UseNpgsql("Host=localhost").UseSnakeCaseNamingConvention().Options).Model;

    [Fact]
    public void Grids_request_history_intake_and_consents_are_covered()
    {
        var columns = ActorErasure.AuditColumns(ModelOf<GridDbContext>(o => new(o))).ToList();

        Assert.Contains(("\"requests\"", "taken_by", (string?)null), columns);
        Assert.Contains(("\"request_changes\"", "by", (string?)null), columns);
        Assert.Contains(columns, c => c.Table == "\"acting_consents\"" && c.By == "recorded_by");
        Assert.Contains(columns, c => c.Table == "\"sensitive_tag_reads\"" && c.By == "read_by");
    }

    [Fact]
    public void A_column_keeping_the_name_alone_is_cleared_with_the_one_beside_it()
    {
        Assert.Contains(("\"call_list_entries\"", "handled_by", "handled_by_name"), ActorErasure.AuditColumns(ModelOf<NoticesDbContext>(o => new(o))));
        Assert.Contains(("\"registrations\"", "registered_by", "registered_by_name"), ActorErasure.AuditColumns(ModelOf<ActivitiesDbContext>(o => new(o))));
    }

    [Fact]
    public void The_providers_role_history_is_covered()
    {
        Assert.Contains(("\"role_changes\"", "changed_by", (string?)null), ActorErasure.AuditColumns(ModelOf<AccountsDbContext>(o => new(o))));
    }
}
