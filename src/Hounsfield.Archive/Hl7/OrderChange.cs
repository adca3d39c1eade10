using Hounsfield.Dicom;

namespace Hounsfield.Archive.Hl7;

/// <summary>What one ORC/OBR group of an ORM^O01 asks of the worklist.</summary>
public enum OrderAction
{
    /// <summary>ORC-1 NW: a new order, added (replacing an item with the same key).</summary>
    New,
    /// <summary>ORC-1 XO, or SC with another status than cancelled/completed: the item is replaced.</summary>
    Change,
    /// <summary>ORC-1 CA, DC, OC, or SC with ORC-5 CA/DC/CM: the item is removed.</summary>
    Cancel,
}

/// <summary>One order group mapped to a worklist item: the action, the item key and (except for cancels) the item.</summary>
public sealed record OrderChange(OrderAction Action, string OrderControl, string Key, string AccessionNumber, DicomDataset? Item);
