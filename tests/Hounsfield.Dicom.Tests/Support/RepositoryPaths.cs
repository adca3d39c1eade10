namespace Hounsfield.Dicom.Tests.Support;

/// <summary>Locates the repository and the shared/ folder beside it from the test binaries.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Shared => Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Hounsfield.slnx"))) return dir.FullName;
        throw new DirectoryNotFoundException("Hounsfield.slnx not found above " + AppContext.BaseDirectory);
    }
}
