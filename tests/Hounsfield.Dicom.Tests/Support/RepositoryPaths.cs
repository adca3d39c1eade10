namespace Hounsfield.Dicom.Tests.Support;

/// <summary>Locates the repository and the shared/ folder beside it (or beside an enclosing folder, for worktrees) from the test binaries.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Shared { get; } = FindShared();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Hounsfield.slnx"))) return dir.FullName;
        throw new DirectoryNotFoundException("Hounsfield.slnx not found above " + AppContext.BaseDirectory);
    }

    // CI clones the repository with shared/ beside it; a git worktree may sit one or more levels deeper.
    private static string FindShared()
    {
        for (var dir = new DirectoryInfo(Root).Parent; dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared");
            if (Directory.Exists(Path.Combine(candidate, "dicom-standard"))) return candidate;
        }
        return Path.GetFullPath(Path.Combine(Root, "..", "shared"));
    }
}
