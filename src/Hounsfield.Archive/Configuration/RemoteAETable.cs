using Hounsfield.Dicom.Network;

namespace Hounsfield.Archive.Configuration;

/// <summary>Turns the configured <see cref="ArchiveOptions.RemoteAEs"/> into the C-MOVE destinations of <see cref="ArchiveOptions.Peers"/>.</summary>
public static class RemoteAETable
{
    /// <summary>Adds each remote AE that may be a move destination to <see cref="ArchiveOptions.Peers"/> (an entry already there wins).</summary>
    public static void Publish(ArchiveOptions options)
    {
        foreach (var (name, ae) in options.RemoteAEs)
        {
            if (ae.MoveDestination) options.Peers.TryAdd(name, new DicomPeer((ae.AETitle ?? name).Trim(), ae.Host, ae.Port));
        }
    }
}
