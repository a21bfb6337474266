using System.Text;

namespace StreamWorker.Events;

/// <summary>The <see cref="PayloadFieldNames"/> the hot paths look up, as UTF-8, so that matching a JSON key transcodes nothing.</summary>
internal static class PayloadFieldNamesUtf8
{
    public static readonly byte[] HostId = Encoding.UTF8.GetBytes(PayloadFieldNames.HostId);
    public static readonly byte[] CompanyId = Encoding.UTF8.GetBytes(PayloadFieldNames.CompanyId);
    public static readonly byte[] ConferenceId = Encoding.UTF8.GetBytes(PayloadFieldNames.ConferenceId);
    public static readonly byte[] ParticipantId = Encoding.UTF8.GetBytes(PayloadFieldNames.ParticipantId);
    public static readonly byte[] ParticipantRole = Encoding.UTF8.GetBytes(PayloadFieldNames.ParticipantRole);
    public static readonly byte[] ReasonForLeaving = Encoding.UTF8.GetBytes(PayloadFieldNames.ReasonForLeaving);
    public static readonly byte[] Status = Encoding.UTF8.GetBytes(PayloadFieldNames.Status);
    public static readonly byte[] Size = Encoding.UTF8.GetBytes(PayloadFieldNames.Size);
}
