namespace Hounsfield.Dicom.Media;

/// <summary>Writes the Basic Directory data set and links its records by their byte offsets.</summary>
internal static class DicomDirectoryFile
{
    /// <summary>The DICOMDIR of the record tree below <paramref name="roots"/>, offsets linked.</summary>
    public static DicomFile Create(string fileSetId, List<DirectoryNode> roots)
    {
        var top = new DirectoryNode(new DicomDataset());
        top.Children.AddRange(roots);
        var nodes = top.DepthFirst().ToList();
        var sequence = new DicomSequence();
        foreach (var node in nodes) sequence.Add(node.Record);
        var dataset = new DicomDataset()
            .Set(DicomTag.FileSetID, fileSetId)
            .Set(DicomTag.OffsetOfTheFirstDirectoryRecordOfTheRootDirectoryEntity, 0u)
            .Set(DicomTag.OffsetOfTheLastDirectoryRecordOfTheRootDirectoryEntity, 0u)
            .Set(DicomTag.FileSetConsistencyFlag, (ushort)0)
            .Set(DicomTag.DirectoryRecordSequence, sequence);
        var file = new DicomFile(dataset, DicomTransferSyntax.ExplicitVRLittleEndian);
        file.FileMetaInformation.Set(DicomTag.MediaStorageSOPClassUID, DicomDirectory.SopClassUid);
        file.FileMetaInformation.Set(DicomTag.MediaStorageSOPInstanceUID, DicomUid.Generate().Value);
        LinkOffsets(file, top, nodes);
        return file;
    }

    // Offsets are fixed-size (UL), so writing once with zeros tells where every item will be;
    // the final write with the real offsets puts each item at the same place.
    private static void LinkOffsets(DicomFile file, DirectoryNode top, List<DirectoryNode> nodes)
    {
        using var probe = new MemoryStream();
        file.Save(probe, DicomTransferSyntax.ExplicitVRLittleEndian);
        probe.Position = 0;
        var written = DicomFile.Read(probe).Dataset.GetSequence(DicomTag.DirectoryRecordSequence)!;
        var offsets = new Dictionary<DirectoryNode, uint>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < nodes.Count; i++) offsets[nodes[i]] = checked((uint)written[i].SourceOffset!.Value);
        foreach (var parent in nodes.Prepend(top))
        {
            var children = parent.Children;
            if (parent != top && children.Count > 0)
                parent.Record.Set(DicomTag.OffsetOfReferencedLowerLevelDirectoryEntity, offsets[children[0]]);
            for (var i = 0; i + 1 < children.Count; i++)
                children[i].Record.Set(DicomTag.OffsetOfTheNextDirectoryRecord, offsets[children[i + 1]]);
        }
        if (top.Children.Count == 0) return;
        file.Dataset.Set(DicomTag.OffsetOfTheFirstDirectoryRecordOfTheRootDirectoryEntity, offsets[top.Children[0]]);
        file.Dataset.Set(DicomTag.OffsetOfTheLastDirectoryRecordOfTheRootDirectoryEntity, offsets[top.Children[^1]]);
    }
}
