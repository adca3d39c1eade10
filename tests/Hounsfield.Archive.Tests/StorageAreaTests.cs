using Hounsfield.Archive.Storage;

namespace Hounsfield.Archive.Tests;

public sealed class StorageAreaTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("hf-storage-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Incoming_folders_of_dead_processes_go_and_those_of_other_hosts_stay_until_a_day_idle()
    {
        var incoming = Path.Combine(_root, "files", "incoming");
        var deadHere = Make(incoming, StorageArea.IncomingName(Environment.MachineName, int.MaxValue));
        var deadOldFormat = Make(incoming, int.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var otherHost = Make(incoming, StorageArea.IncomingName("other-host.example", 4242));
        var idleOtherHost = Make(incoming, StorageArea.IncomingName("gone-host", 4243));
        Directory.SetLastWriteTimeUtc(idleOtherHost, DateTime.UtcNow.AddDays(-2));

        var storage = new StorageArea(Path.Combine(_root, "files"));

        Assert.False(Directory.Exists(deadHere));
        Assert.False(Directory.Exists(deadOldFormat));
        Assert.False(Directory.Exists(idleOtherHost));
        Assert.True(File.Exists(Path.Combine(otherHost, "partial.dcm")));
        Assert.True(storage.SharedWithRunningProcesses);
        Assert.Equal(StorageArea.IncomingName(Environment.MachineName, Environment.ProcessId), Path.GetFileName(storage.Incoming));
    }

    [Fact]
    public void A_folder_alone_is_not_shared()
    {
        Make(Path.Combine(_root, "files", "incoming"), StorageArea.IncomingName(Environment.MachineName, int.MaxValue));

        Assert.False(new StorageArea(Path.Combine(_root, "files")).SharedWithRunningProcesses);
    }

    // An incoming folder with a partly received file in it.
    private static string Make(string incoming, string name)
    {
        var folder = Path.Combine(incoming, name);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "partial.dcm"), "x");
        return folder;
    }
}
