namespace Community.Contracts;

/// <summary>
/// A service's answer to <see cref="PersonErasureRequested"/>: it erased what it held (<paramref name="Records"/> rows
/// removed or anonymised; zero when it held nothing). The identity provider records each answer and completes the
/// request when every service holding personal data has answered.
/// </summary>
/// <param name="Service">The answering service's name (grid, activities, volunteers, notices).</param>
public sealed record PersonDataErased(Guid RequestId, string Service, int Records, DateTimeOffset ErasedAt);
