using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Community.Contracts;
using Community.ServiceDefaults.Auth;
using Community.Services.Grid.Data;
using Community.Services.Grid.Equipment;
using Community.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Community.Services.Grid.Tests;

/// <summary>Equipment lending: loans, the waiting list, a broken item out of service, partners asked, the donation lent to the one waiting, holds that lapse.</summary>
public sealed class EquipmentTests(ClockedServiceFixture<GridDbContext> fixture) : IClassFixture<ClockedServiceFixture<GridDbContext>>
{
    private readonly GridScenario _scenario = new(fixture.Host);

    [Fact]
    public async Task The_broken_wheelchair_is_taken_out_of_service_partners_are_asked_and_the_donated_one_goes_to_the_resident_waiting()
    {
        var kind = "wheelchair";
        var (_, building, secretary) = await _scenario.GridAsync();
        var (_, _, stranger) = await _scenario.GridAsync();
        var team = _scenario.As(secretary, Roles.GridWorker);
        var (_, borrower) = await _scenario.HouseholdAsync(building);
        var (_, waiting) = await _scenario.HouseholdAsync(building, "13900007777");
        var due = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(14));
        // Earlier tests' wheelchairs are out of this story.
        await fixture.Host.WithScope(s => s.GetRequiredService<GridDbContext>().EquipmentItems.Where(i => i.Kind == kind)
            .ExecuteUpdateAsync(u => u.SetProperty(i => i.InService, false).SetProperty(i => i.Condition, "broken")));
        await fixture.Host.WithScope(s => s.GetRequiredService<GridDbContext>().EquipmentNeeds.ExecuteDeleteAsync());

        var added = await _scenario.Staff.PostAsJsonAsync("/equipment", new { kind, label = "轮椅车 1号" });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var chair = (await added.Content.ReadFromJsonAsync<List<ItemDto>>(TestJson.Options))!.Single();
        Assert.Equal(HttpStatusCode.Forbidden, (await team.PostAsJsonAsync("/equipment", new { kind })).StatusCode);

        // Bad input and the wrong grid's worker are refused; the borrower gets the chair.
        Assert.Equal(HttpStatusCode.BadRequest, (await team.PostAsJsonAsync($"/equipment/{chair.Id}/loans", new { residentId = borrower, dueOn = "2001-01-01" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await team.PostAsJsonAsync("/equipment/waiting-list", new { kind = "sofa", residentId = waiting })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await team.PostAsJsonAsync($"/equipment/{Guid.NewGuid()}/loans", new { residentId = borrower, dueOn = due })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _scenario.As(stranger, Roles.GridWorker).PostAsJsonAsync($"/equipment/{chair.Id}/loans", new { residentId = borrower, dueOn = due })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _scenario.As(Guid.NewGuid(), Roles.Resident).GetAsync("/equipment")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _scenario.As(Guid.NewGuid(), Roles.Resident).GetAsync($"/equipment/{chair.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await team.GetAsync("/equipment?kind=sofa")).StatusCode);

        // Two desks lend the one chair at once: the database lets one through.
        var racing = await Task.WhenAll(Enumerable.Range(0, 2).Select(n =>
            _scenario.As(secretary, Roles.GridWorker).PostAsJsonAsync($"/equipment/{chair.Id}/loans", new { residentId = n == 0 ? borrower : waiting, dueOn = due })));
        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Conflict], racing.Select(r => r.StatusCode).Order());
        var loan = await racing.Single(r => r.StatusCode == HttpStatusCode.Created).Content.ReadFromJsonAsync<LoanDto>(TestJson.Options);
        var (lentTo, other) = loan!.ResidentId == borrower ? (borrower, waiting) : (waiting, borrower);
        var outsider = _scenario.As(stranger, Roles.GridWorker);
        Assert.Equal(HttpStatusCode.Forbidden, (await outsider.PostAsJsonAsync($"/loans/{loan.Id}/return", new { condition = "good" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await outsider.PostAsJsonAsync($"/equipment/{chair.Id}/broken", new { note = "x" })).StatusCode);

        // The other resident waits; the chair comes back broken: out of service, and with none left partners are asked once.
        var joined = await team.PostAsJsonAsync("/equipment/waiting-list", new { kind, residentId = other });
        Assert.Equal(HttpStatusCode.Created, joined.StatusCode);
        Assert.Equal(1, (await joined.Content.ReadFromJsonAsync<WaitDto>(TestJson.Options))!.Position);
        Assert.Equal(HttpStatusCode.Conflict, (await team.PostAsJsonAsync("/equipment/waiting-list", new { kind, residentId = other })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await team.PostAsJsonAsync($"/loans/{loan.Id}/return", new { condition = "broken", note = "刹车坏了" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await team.PostAsJsonAsync($"/loans/{loan.Id}/return", new { condition = "good" })).StatusCode);
        var broken = await team.GetFromJsonAsync<ItemDetailDto>($"/equipment/{chair.Id}", TestJson.Options);
        Assert.Equal(("out-of-service", "broken"), (broken!.Item.State, broken.Item.Condition));
        Assert.Equal(["added", "lent", "returned", "broken"], broken.History.Select(h => h.What));
        Assert.Equal(HttpStatusCode.Conflict, (await team.PostAsJsonAsync($"/equipment/{chair.Id}/loans", new { residentId = other, dueOn = due })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await team.PostAsJsonAsync($"/equipment/{chair.Id}/repaired", new { })).StatusCode);
        var needs = await fixture.Host.WithScope(s => s.GetRequiredService<GridDbContext>().OutboxMessages
            .Where(m => m.MessageType.Contains(nameof(EquipmentNeeded))).Select(m => m.Payload).ToListAsync());
        var needed = JsonSerializer.Deserialize<EquipmentNeeded>(needs.Single(), JsonSerializerOptions.Web)!;
        Assert.Equal((kind, 1, 1), (needed.ItemKind, needed.Quantity, needed.Waiting));

        // A partner's donation is received (Partners tells Grid): the new chair is held for the one waiting, and lent to them.
        await fixture.Host.Services.GetRequiredService<IBus>().Publish(new PledgeFulfilled(Guid.NewGuid(), Guid.NewGuid(), "equipment", needed.EquipmentNeedId, kind,
            Guid.NewGuid(), "浦江康复器材有限公司", 1, DateTimeOffset.UtcNow));
        var donated = await Eventually.Get(async () => (await team.GetFromJsonAsync<List<ItemDto>>($"/equipment?kind={kind}", TestJson.Options))!
            .FirstOrDefault(i => i.DonatedBy == "浦江康复器材有限公司"), TimeSpan.FromSeconds(30), "the donated wheelchair");
        Assert.Equal("held", donated.State);
        var list = await team.GetFromJsonAsync<List<WaitDto>>($"/equipment/waiting-list?kind={kind}", TestJson.Options);
        var held = list!.Single();
        Assert.Equal((other, "offered", donated.Id), (held.ResidentId, held.Status, held.OfferedItemId!.Value));
        var told = await fixture.Host.WithScope(s => s.GetRequiredService<GridDbContext>().OutboxMessages
            .Where(m => m.MessageType.Contains(nameof(EquipmentHeld))).Select(m => m.Payload).ToListAsync());
        Assert.Contains(told.Select(t => JsonSerializer.Deserialize<EquipmentHeld>(t, JsonSerializerOptions.Web)!),
            e => e.ResidentId == other && e.ItemId == donated.Id && e.ItemKind == kind);
        Assert.Equal(HttpStatusCode.Conflict, (await team.PostAsJsonAsync($"/equipment/{donated.Id}/loans", new { residentId = lentTo, dueOn = due })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await team.PostAsJsonAsync($"/equipment/{donated.Id}/loans", new { residentId = other, dueOn = due })).StatusCode);
        Assert.Empty((await team.GetFromJsonAsync<List<WaitDto>>($"/equipment/waiting-list?kind={kind}", TestJson.Options))!);
        Assert.True(await fixture.Host.WithScope(s => s.GetRequiredService<GridDbContext>().EquipmentNeeds.AnyAsync(n => n.Id == needed.EquipmentNeedId && n.MetAt != null)));

        // An overdue loan shows on the grid team's list, not on another grid's.
        await fixture.Host.WithScope(s => s.GetRequiredService<GridDbContext>().EquipmentLoans.Where(l => l.ItemId == donated.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(l => l.DueOn, DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-3)))));
        var overdue = await team.GetFromJsonAsync<List<LoanDto>>("/equipment/loans?overdue=true", TestJson.Options);
        Assert.Contains(overdue!, l => l.ItemId == donated.Id && l.Overdue && l.ResidentId == other);
        Assert.DoesNotContain((await _scenario.As(stranger, Roles.GridWorker).GetFromJsonAsync<List<LoanDto>>("/equipment/loans?overdue=true", TestJson.Options))!,
            l => l.ItemId == donated.Id);
    }

    [Fact]
    public async Task Leaving_the_waiting_list_passes_a_held_item_to_the_next_person_and_only_their_grid_team_may_take_them_off()
    {
        var kind = "walker";
        await fixture.Host.WithScope(s => s.GetRequiredService<GridDbContext>().EquipmentItems.Where(i => i.Kind == kind)
            .ExecuteUpdateAsync(u => u.SetProperty(i => i.InService, false).SetProperty(i => i.Condition, "broken")));
        var (_, building, secretary) = await _scenario.GridAsync();
        var (_, _, stranger) = await _scenario.GridAsync();
        var team = _scenario.As(secretary, Roles.GridWorker);
        var (_, first) = await _scenario.HouseholdAsync(building, "13900001111");
        var (_, second) = await _scenario.HouseholdAsync(building, "13900002222");
        var firstWait = await (await team.PostAsJsonAsync("/equipment/waiting-list", new { kind, residentId = first })).Content.ReadFromJsonAsync<WaitDto>(TestJson.Options);
        Assert.Equal(HttpStatusCode.Created, (await team.PostAsJsonAsync("/equipment/waiting-list", new { kind, residentId = second })).StatusCode);
        var walker = (await (await _scenario.Staff.PostAsJsonAsync("/equipment", new { kind, label = "助行器 3号" })).Content.ReadFromJsonAsync<List<ItemDto>>(TestJson.Options))!.Single();
        Assert.Equal(first, (await team.GetFromJsonAsync<List<WaitDto>>($"/equipment/waiting-list?kind={kind}", TestJson.Options))!
            .Single(w => w.Status == "offered").ResidentId);

        // Another grid's worker may not take her off; an unknown entry is a 404.
        Assert.Equal(HttpStatusCode.Forbidden, (await _scenario.As(stranger, Roles.GridWorker).PostAsync($"/equipment/waiting-list/{firstWait!.Id}/cancel", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await team.PostAsync($"/equipment/waiting-list/{Guid.NewGuid()}/cancel", null)).StatusCode);

        // She no longer needs it: the walker held for her goes to the next person waiting, who is told.
        Assert.Equal(HttpStatusCode.NoContent, (await team.PostAsync($"/equipment/waiting-list/{firstWait.Id}/cancel", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await team.PostAsync($"/equipment/waiting-list/{firstWait.Id}/cancel", null)).StatusCode);
        var list = (await team.GetFromJsonAsync<List<WaitDto>>($"/equipment/waiting-list?kind={kind}", TestJson.Options))!;
        var next = Assert.Single(list);
        Assert.Equal((second, "offered", walker.Id), (next.ResidentId, next.Status, next.OfferedItemId!.Value));
        var held = await fixture.Host.WithScope(s => s.GetRequiredService<GridDbContext>().OutboxMessages
            .Where(m => m.MessageType.Contains(nameof(EquipmentHeld))).Select(m => m.Payload).ToListAsync());
        Assert.Contains(held.Select(t => JsonSerializer.Deserialize<EquipmentHeld>(t, JsonSerializerOptions.Web)!), e => e.ResidentId == second && e.ItemId == walker.Id);
        Assert.Equal(HttpStatusCode.Created, (await team.PostAsJsonAsync($"/equipment/{walker.Id}/loans",
            new { residentId = second, dueOn = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(7)) })).StatusCode);
    }

    [Fact]
    public async Task A_hold_nobody_comes_for_lapses_at_its_deadline_once_and_the_item_goes_to_the_next_person_waiting()
    {
        var kind = "crutches";
        await fixture.Host.WithScope(s => s.GetRequiredService<GridDbContext>().EquipmentItems.Where(i => i.Kind == kind)
            .ExecuteUpdateAsync(u => u.SetProperty(i => i.InService, false).SetProperty(i => i.Condition, "broken")));
        var (_, building, secretary) = await _scenario.GridAsync();
        var team = _scenario.As(secretary, Roles.GridWorker);
        var (_, first) = await _scenario.HouseholdAsync(building, "13900003333");
        var (_, second) = await _scenario.HouseholdAsync(building, "13900004444");
        var firstWait = await (await team.PostAsJsonAsync("/equipment/waiting-list", new { kind, residentId = first })).Content.ReadFromJsonAsync<WaitDto>(TestJson.Options);
        Assert.Equal(HttpStatusCode.Created, (await team.PostAsJsonAsync("/equipment/waiting-list", new { kind, residentId = second })).StatusCode);
        var pair = (await (await _scenario.Staff.PostAsJsonAsync("/equipment", new { kind, label = "拐杖 5号" })).Content.ReadFromJsonAsync<List<ItemDto>>(TestJson.Options))!.Single();

        // Held for the first, three days by default, and the deadline is on the list and in what she is told.
        var heldFor = (await team.GetFromJsonAsync<List<WaitDto>>($"/equipment/waiting-list?kind={kind}", TestJson.Options))!.Single(w => w.Status == "offered");
        var deadline = fixture.Clock.GetUtcNow() + TimeSpan.FromDays(3);
        Assert.Equal(first, heldFor.ResidentId);
        Assert.Equal(deadline, heldFor.HeldUntil!.Value, TimeSpan.FromMilliseconds(1));
        Assert.Contains(await OutboxAsync<EquipmentHeld>(), e => e.ResidentId == first && e.ItemId == pair.Id && e.HeldUntil == deadline);

        // Before the deadline nothing lapses.
        var expiry = fixture.Host.Services.GetServices<IHostedService>().OfType<HoldExpiry>().Single();
        fixture.Clock.Advance(TimeSpan.FromDays(3) - TimeSpan.FromMinutes(1));
        await expiry.LapseDueAsync(CancellationToken.None);
        Assert.Equal(first, (await team.GetFromJsonAsync<List<WaitDto>>($"/equipment/waiting-list?kind={kind}", TestJson.Options))!.Single(w => w.Status == "offered").ResidentId);

        // Past it, two passes at once (two instances): it lapses once, she is told once, the next one is offered the pair.
        fixture.Clock.Advance(TimeSpan.FromMinutes(2));
        await Task.WhenAll(expiry.LapseDueAsync(CancellationToken.None), expiry.LapseDueAsync(CancellationToken.None));
        // (The job's own tick, set off by the clock, may have claimed it first and still be committing.)
        var list = await Eventually.Get(async () => (await team.GetFromJsonAsync<List<WaitDto>>($"/equipment/waiting-list?kind={kind}", TestJson.Options))!
            is [{ Status: "offered" }] settled ? settled : null, TimeSpan.FromSeconds(10), "the lapse to commit");
        var next = Assert.Single(list);
        Assert.Equal((second, "offered", pair.Id), (next.ResidentId, next.Status, next.OfferedItemId!.Value));
        Assert.Equal(fixture.Clock.GetUtcNow() + TimeSpan.FromDays(3), next.HeldUntil!.Value, TimeSpan.FromMilliseconds(1));
        Assert.Single(await OutboxAsync<EquipmentHoldLapsed>(), e => e.WaitId == firstWait!.Id && e.ResidentId == first && e.ItemId == pair.Id);
        Assert.Single(await OutboxAsync<EquipmentHeld>(), e => e.ResidentId == second && e.ItemId == pair.Id);
        Assert.Contains("hold-lapsed", (await team.GetFromJsonAsync<ItemDetailDto>($"/equipment/{pair.Id}", TestJson.Options))!.History.Select(h => h.What));

        // The pair is no longer hers to take; she may queue again, behind no one now.
        var due = DateOnly.FromDateTime(fixture.Clock.GetUtcNow().UtcDateTime.AddDays(7));
        Assert.Equal(HttpStatusCode.Conflict, (await team.PostAsJsonAsync($"/equipment/{pair.Id}/loans", new { residentId = first, dueOn = due })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await team.PostAsync($"/equipment/waiting-list/{firstWait!.Id}/cancel", null)).StatusCode);
        var again = await (await team.PostAsJsonAsync("/equipment/waiting-list", new { kind, residentId = first })).Content.ReadFromJsonAsync<WaitDto>(TestJson.Options);
        Assert.Equal(("waiting", 1), (again!.Status, again.Position));
        Assert.Equal(HttpStatusCode.Created, (await team.PostAsJsonAsync($"/equipment/{pair.Id}/loans", new { residentId = second, dueOn = due })).StatusCode);
    }

    private async Task<List<T>> OutboxAsync<T>() =>
        (await fixture.Host.WithScope(s => s.GetRequiredService<GridDbContext>().OutboxMessages
            .Where(m => m.MessageType.Contains(typeof(T).Name)).Select(m => m.Payload).ToListAsync()))
        .Select(p => JsonSerializer.Deserialize<T>(p, JsonSerializerOptions.Web)!).ToList();

    [Fact]
    public async Task Two_desks_adding_the_same_kind_at_once_number_every_item_differently()
    {
        const string kind = "blood-pressure-monitor";
        var before = await fixture.Host.WithScope(s => s.GetRequiredService<GridDbContext>().EquipmentItems.CountAsync(i => i.Kind == kind));

        // Four desks at once, three monitors each.
        var adds = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => _scenario.Staff.PostAsJsonAsync("/equipment", new { kind, count = 3 })));

        Assert.All(adds, a => Assert.Equal(HttpStatusCode.Created, a.StatusCode));
        var labels = await fixture.Host.WithScope(s => s.GetRequiredService<GridDbContext>().EquipmentItems.Where(i => i.Kind == kind).Select(i => i.Label).ToListAsync());
        Assert.Equal(before + 12, labels.Count);
        Assert.Equal(labels.Count, labels.Distinct().Count());

        // A label names one item: with several, the request is refused, not half-done.
        var labelled = await _scenario.Staff.PostAsJsonAsync("/equipment", new { kind, count = 2, label = "血压计 新的" });
        Assert.Equal(HttpStatusCode.BadRequest, labelled.StatusCode);
        Assert.Contains("label", (await labelled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Equal(before + 12, await fixture.Host.WithScope(s => s.GetRequiredService<GridDbContext>().EquipmentItems.CountAsync(i => i.Kind == kind)));
    }

    [Fact]
    public async Task A_return_and_a_breakage_report_of_the_same_item_at_once_both_go_through()
    {
        var (_, building, secretary) = await _scenario.GridAsync();
        var team = _scenario.As(secretary, Roles.GridWorker);
        var (_, borrower) = await _scenario.HouseholdAsync(building);
        var added = await _scenario.Staff.PostAsJsonAsync("/equipment", new { kind = "tools", label = $"工具箱 {Guid.NewGuid():N}"[..12] });
        var item = (await added.Content.ReadFromJsonAsync<List<ItemDto>>(TestJson.Options))!.Single();
        var loan = (await (await team.PostAsJsonAsync($"/equipment/{item.Id}/loans", new { residentId = borrower, dueOn = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(7)) }))
            .Content.ReadFromJsonAsync<LoanDto>(TestJson.Options))!;

        // The loan's row is held while the return and then the report arrive. Before, the return took the loan's row and
        // wanted the item's, the report held the item's and wanted the loan's: a deadlock, and one of them failed.
        await using var scope = fixture.Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GridDbContext>();
        Task<HttpResponseMessage> returning, reporting;
        await using (var holding = await db.Database.BeginTransactionAsync())
        {
            await db.Database.ExecuteSqlAsync($"SELECT 1 FROM equipment_loans WHERE id = {loan.Id} FOR UPDATE");
            returning = team.PostAsJsonAsync($"/loans/{loan.Id}/return", new { condition = "good" });
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            reporting = team.PostAsJsonAsync($"/equipment/{item.Id}/broken", new { note = "把手断了" });
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            await holding.CommitAsync();
        }

        Assert.Equal((HttpStatusCode.NoContent, HttpStatusCode.NoContent), ((await returning).StatusCode, (await reporting).StatusCode));
        var after = (await team.GetFromJsonAsync<ItemDetailDto>($"/equipment/{item.Id}", TestJson.Options))!;
        Assert.Equal("out-of-service", after.Item.State);
        Assert.Contains(after.History, e => e.What == "returned");
    }
}
