using Hounsfield.Dicom;

namespace Hounsfield.Archive.Tests.Support;

internal static class DatasetTestExtensions
{
    /// <summary>Applies <paramref name="change"/> and returns the data set, for building nested data sets in one expression.</summary>
    public static DicomDataset Apply(this DicomDataset dataset, Action<DicomDataset> change)
    {
        change(dataset);
        return dataset;
    }
}
