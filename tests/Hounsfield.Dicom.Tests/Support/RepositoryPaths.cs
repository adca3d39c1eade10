namespace Hounsfield.Dicom.Tests.Support;

/// <summary>Locates the repository and the shared/ folder beside it from the test binaries.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>
    /// The shared/ folder: beside the repository for the main checkout, further up for a git
    /// worktree kept in a subfolder (e.g. wt/NAME next to main/ and shared/).
    /// </summary>
    public static string Shared { get; } = FindShared();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Hounsfield.slnx"))) return dir.FullName;
        throw new DirectoryNotFoundException("Hounsfield.slnx not found above " + AppContext.BaseDirectory);
    }

    private static string FindShared()
    {
        var beside = Path.GetFullPath(Path.Combine(Root, "..", "shared"));
        for (var dir = new DirectoryInfo(Root).Parent; dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared");
            if (Directory.Exists(Path.Combine(candidate, "dicom-standard"))) return candidate;
        }
        return beside;
    }
}
