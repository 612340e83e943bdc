namespace Community.ServiceDefaults.Http;

/// <summary>A page of a list. <c>Total</c> lets a client draw page links without a second call.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int PageNumber, int PageSize, int Total);

/// <summary>Paging query values, checked: a page size of a million is a client error, not a slow query.</summary>
public readonly record struct PageRequest(int PageNumber, int PageSize)
{
    public const int DefaultSize = 20;
    public const int MaxSize = 100;

    /// <summary>Far past any real list, and small enough that (page - 1) × size cannot overflow.</summary>
    public const int MaxPage = 100_000;

    public int Skip => (PageNumber - 1) * PageSize;

    public static PageRequest From(int? page, int? pageSize, FieldErrors errors)
    {
        var number = page ?? 1;
        var size = pageSize ?? DefaultSize;
        if (number is < 1 or > MaxPage)
        {
            errors.Add("page", $"must be between 1 and {MaxPage}.");
        }

        if (size is < 1 or > MaxSize)
        {
            errors.Add("pageSize", $"must be between 1 and {MaxSize}.");
        }

        return new PageRequest(Math.Clamp(number, 1, MaxPage), Math.Clamp(size, 1, MaxSize));
    }
}
