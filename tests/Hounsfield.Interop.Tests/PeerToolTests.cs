using System.Diagnostics;
using Hounsfield.Interop.Tests.Support;

namespace Hounsfield.Interop.Tests;

public class PeerToolTests
{
    [Fact]
    public void A_missing_tool_fails_the_test_with_a_clear_message()
    {
        var e = Assert.ThrowsAny<Exception>(() => PeerTool.Run("hounsfield-no-such-tool"));
        Assert.Contains("hounsfield-no-such-tool is not installed", e.Message);
    }

    [Fact]
    public void A_tool_that_overruns_is_killed_and_fails_the_test()
    {
        var watch = Stopwatch.StartNew();
        var e = Assert.ThrowsAny<Exception>(() => PeerTool.Run("sleep", ["30"], TimeSpan.FromSeconds(1)));
        Assert.Contains("did not finish within 1 s", e.Message);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), $"took {watch.Elapsed}");
    }

    [Fact]
    public void Output_and_environment_are_captured()
    {
        var result = PeerTool.Run("sh", "-c", "echo $TCP_NODELAY; echo err >&2; exit 3");
        Assert.Equal(3, result.ExitCode);
        Assert.Equal("1", result.Output.Trim());
        Assert.Equal("err", result.Error.Trim());
    }
}
