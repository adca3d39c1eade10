namespace Hounsfield.Dicom.Network;

/// <summary>Either an accept or a rejection, as decided by <see cref="AcceptorPolicy.Negotiate"/>.</summary>
public sealed class AssociationNegotiationResult
{
    /// <summary>An accepted outcome.</summary>
    public AssociationNegotiationResult(AssociationAccept accept) => Accept = accept;

    /// <summary>A rejected outcome.</summary>
    public AssociationNegotiationResult(AssociationRejection rejection) => Rejection = rejection;

    /// <summary>The accept, or null when rejected.</summary>
    public AssociationAccept? Accept { get; }

    /// <summary>The rejection, or null when accepted.</summary>
    public AssociationRejection? Rejection { get; }
}
