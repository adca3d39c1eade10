using Hounsfield.DictionaryGenerator;

// Usage: dotnet run --project tools/Hounsfield.DictionaryGenerator [-- REPO_ROOT]
// Finds shared/dicom-standard beside the repository and rewrites the generated sources.
var root = args.Length > 0 ? args[0] : FindRepositoryRoot();
var standard = FindStandard(root);
var commands = Path.Combine(root, "tools", "Hounsfield.DictionaryGenerator", "command-elements.tsv");
var output = Path.Combine(root, "src", "Hounsfield.Dicom", "Dictionary", "Generated");
Directory.CreateDirectory(output);
foreach (var (name, text) in DictionaryGenerator.Generate(standard, commands))
{
    File.WriteAllText(Path.Combine(output, name), text);
    Console.WriteLine($"wrote {Path.Combine(output, name)}");
}

// shared/ sits beside the main checkout, or further up for a worktree in a subfolder (wt/NAME).
static string FindStandard(string root)
{
    for (var dir = new DirectoryInfo(root).Parent; dir is not null; dir = dir.Parent)
    {
        var candidate = Path.Combine(dir.FullName, "shared", "dicom-standard");
        if (Directory.Exists(candidate)) return candidate;
    }
    return Path.GetFullPath(Path.Combine(root, "..", "shared", "dicom-standard"));
}

static string FindRepositoryRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, "Hounsfield.slnx"))) return dir.FullName;
    throw new DirectoryNotFoundException("Hounsfield.slnx not found above the tool; pass the repository root");
}
