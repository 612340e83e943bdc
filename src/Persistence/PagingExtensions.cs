using Community.ServiceDefaults.Http;
using Microsoft.EntityFrameworkCore;

namespace Community.Persistence;

public static class PagingExtensions
{
    /// <summary>One page of an ordered query, with the total count of the unpaged query.</summary>
    public static async Task<Page<TOut>> ToPageAsync<T, TOut>(
        this IQueryable<T> query,
        Func<IQueryable<T>, IOrderedQueryable<T>> order,
        PageRequest paging,
        Func<T, TOut> map,
        CancellationToken cancellationToken)
    {
        var total = await query.CountAsync(cancellationToken);
        var items = await order(query).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(cancellationToken);
        return new Page<TOut>(items.Select(map).ToList(), paging.PageNumber, paging.PageSize, total);
    }
}
