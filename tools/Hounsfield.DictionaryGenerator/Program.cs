using Hounsfield.DictionaryGenerator;

// Usage: dotnet run --project tools/Hounsfield.DictionaryGenerator [-- REPO_ROOT]
// Finds shared/dicom-standard beside the repository and rewrites the generated sources.
var root = args.Length > 0 ? args[0] : FindRepositoryRoot();
var standard = Path.GetFullPath(Path.Combine(root, "..", "shared", "dicom-standard"));
var commands = Path.Combine(root, "tools", "Hounsfield.DictionaryGenerator", "command-elements.tsv");
var output = Path.Combine(root, "src", "Hounsfield.Dicom", "Dictionary", "Generated");
Directory.CreateDirectory(output);
foreach (var (name, text) in DictionaryGenerator.Generate(standard, commands))
{
    File.WriteAllText(Path.Combine(output, name), text);
    Console.WriteLine($"wrote {Path.Combine(output, name)}");
}

static string FindRepositoryRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, "Hounsfield.slnx"))) return dir.FullName;
    throw new DirectoryNotFoundException("Hounsfield.slnx not found above the tool; pass the repository root");
}
