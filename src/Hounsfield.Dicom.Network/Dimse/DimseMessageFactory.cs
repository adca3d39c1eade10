namespace Hounsfield.Dicom.Network.Dimse;

/// <summary>Wraps a received command set in the message type its Command Field names.</summary>
internal static class DimseMessageFactory
{
    public static DimseMessage Create(DicomDataset command)
    {
        if (!command.TryGetValue<ushort>(DicomTag.CommandField, out var field))
            throw new DicomFormatException("the command set has no Command Field (0000,0100)");
        return (DimseCommandField)field switch
        {
            DimseCommandField.CEchoRequest => new CEchoRequest(command),
            DimseCommandField.CEchoResponse => new CEchoResponse(command),
            DimseCommandField.CStoreRequest => new CStoreRequest(command),
            DimseCommandField.CStoreResponse => new CStoreResponse(command),
            DimseCommandField.CFindRequest => new CFindRequest(command),
            DimseCommandField.CFindResponse => new CFindResponse(command),
            DimseCommandField.CGetRequest => new CGetRequest(command),
            DimseCommandField.CGetResponse => new CGetResponse(command),
            DimseCommandField.CMoveRequest => new CMoveRequest(command),
            DimseCommandField.CMoveResponse => new CMoveResponse(command),
            DimseCommandField.CCancelRequest => new CCancelRequest(command),
            DimseCommandField.NEventReportRequest => new NEventReportRequest(command),
            DimseCommandField.NEventReportResponse => new NEventReportResponse(command),
            DimseCommandField.NGetRequest => new NGetRequest(command),
            DimseCommandField.NGetResponse => new NGetResponse(command),
            DimseCommandField.NSetRequest => new NSetRequest(command),
            DimseCommandField.NSetResponse => new NSetResponse(command),
            DimseCommandField.NActionRequest => new NActionRequest(command),
            DimseCommandField.NActionResponse => new NActionResponse(command),
            DimseCommandField.NCreateRequest => new NCreateRequest(command),
            DimseCommandField.NCreateResponse => new NCreateResponse(command),
            DimseCommandField.NDeleteRequest => new NDeleteRequest(command),
            DimseCommandField.NDeleteResponse => new NDeleteResponse(command),
            _ => throw new DicomFormatException($"unknown Command Field {field:X4}H"),
        };
    }
}
