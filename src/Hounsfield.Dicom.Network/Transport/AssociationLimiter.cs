using System.Net;

namespace Hounsfield.Dicom.Network;

/// <summary>
/// Counts live associations in total, per calling AE title and per remote host, and refuses a new
/// one over any limit with "local limit exceeded" (rejected-transient, source 3, reason 2).
/// </summary>
internal sealed class AssociationLimiter
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, int> _perAE = new(StringComparer.Ordinal);
    private readonly Dictionary<IPAddress, int> _perHost = [];
    private readonly DicomListenerOptions _options;
    private int _total;

    public AssociationLimiter(DicomListenerOptions options) => _options = options;

    public int Total
    {
        get
        {
            lock (_lock) return _total;
        }
    }

    /// <summary>Reserves a slot, or returns the rejection when a limit is reached.</summary>
    public AssociationRejection? TryAdmit(string callingAE, IPAddress? host)
    {
        lock (_lock)
        {
            if (_options.MaxAssociations > 0 && _total >= _options.MaxAssociations) return AssociationRejection.LocalLimitExceeded;
            if (_options.MaxAssociationsPerCallingAE > 0 && _perAE.GetValueOrDefault(callingAE) >= _options.MaxAssociationsPerCallingAE)
            {
                return AssociationRejection.LocalLimitExceeded;
            }
            if (host is not null && _options.MaxAssociationsPerHost > 0 && _perHost.GetValueOrDefault(host) >= _options.MaxAssociationsPerHost)
            {
                return AssociationRejection.LocalLimitExceeded;
            }
            _total++;
            _perAE[callingAE] = _perAE.GetValueOrDefault(callingAE) + 1;
            if (host is not null) _perHost[host] = _perHost.GetValueOrDefault(host) + 1;
            return null;
        }
    }

    public void Release(string callingAE, IPAddress? host)
    {
        lock (_lock)
        {
            _total--;
            if (--_perAE[callingAE] == 0) _perAE.Remove(callingAE);
            if (host is not null && --_perHost[host] == 0) _perHost.Remove(host);
        }
    }
}
