namespace Hounsfield.Dicom.Media;

/// <summary>Builds the record tree of a DICOMDIR from its offsets, tolerating damaged links.</summary>
internal sealed class RecordLinker(List<string> warnings, List<DicomDirectoryRecord> records)
{
    private readonly Dictionary<long, DicomDirectoryRecord> _byOffset = records
        .Where(r => r.Dataset.SourceOffset is not null)
        .ToDictionary(r => r.Dataset.SourceOffset!.Value);
    private readonly HashSet<DicomDirectoryRecord> _linked = [];

    public void Link(DicomDataset directory, List<DicomDirectoryRecord> roots)
    {
        var first = directory.GetValueOrDefault<uint>(DicomTag.OffsetOfTheFirstDirectoryRecordOfTheRootDirectoryEntity, 0, 0);
        roots.AddRange(Chain(first, "the root directory entity", 0));
        var unreached = records.Where(r => !_linked.Contains(r)).ToList();
        if (unreached.Count == 0) return;
        warnings.Add($"{unreached.Count} directory record(s) are not reachable through the offsets; listed at the root");
        roots.AddRange(unreached.Where(r => !_linked.Contains(r)));
    }

    // Real hierarchies are a handful of levels deep (PATIENT, STUDY, SERIES, IMAGE, below it at most
    // a few); deeper links are damage or hostility, and must not exhaust the stack.
    private const int MaxDepth = 32;

    // The records of one directory entity: the first, then each Offset of the Next Directory Record.
    private List<DicomDirectoryRecord> Chain(uint offset, string entity, int depth)
    {
        var chain = new List<DicomDirectoryRecord>();
        if (depth > MaxDepth && offset != 0)
        {
            warnings.Add($"directory entities nest deeper than {MaxDepth} levels at {entity}");
            return chain;
        }
        while (offset != 0)
        {
            if (!_byOffset.TryGetValue(offset, out var record))
            {
                warnings.Add($"an offset in {entity} points at {offset}, where no directory record starts");
                break;
            }
            if (!_linked.Add(record))
            {
                warnings.Add($"the offsets in {entity} loop back to the record at {offset}");
                break;
            }
            chain.Add(record);
            var lower = record.Dataset.GetValueOrDefault<uint>(DicomTag.OffsetOfReferencedLowerLevelDirectoryEntity, 0, 0);
            foreach (var child in Chain(lower, $"the entity below the {record.RecordType} record at {offset}", depth + 1)) record.Add(child);
            offset = record.Dataset.GetValueOrDefault<uint>(DicomTag.OffsetOfTheNextDirectoryRecord, 0, 0);
        }
        return chain;
    }
}
