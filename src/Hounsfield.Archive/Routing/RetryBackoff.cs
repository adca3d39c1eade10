namespace Hounsfield.Archive.Routing;

/// <summary>Exponential backoff: the first retry after <see cref="RoutingOptions.RetryDelay"/>, each next one twice as late, capped.</summary>
public static class RetryBackoff
{
    /// <summary>The delay before the attempt that follows <paramref name="failedAttempts"/> failures (1 or more).</summary>
    public static TimeSpan DelayAfter(int failedAttempts, TimeSpan initial, TimeSpan maximum)
    {
        // Doubling stops well before overflow: 2^20 times any sensible initial delay exceeds every sensible cap.
        var factor = Math.Pow(2, Math.Clamp(failedAttempts - 1, 0, 20));
        var delay = TimeSpan.FromTicks((long)Math.Min(initial.Ticks * factor, maximum.Ticks));
        return delay < TimeSpan.Zero ? TimeSpan.Zero : delay;
    }
}
