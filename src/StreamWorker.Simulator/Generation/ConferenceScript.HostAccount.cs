using static StreamWorker.Events.WebhookEventNames;
using Field = StreamWorker.Events.PayloadFieldNames;

namespace StreamWorker.Simulator.Generation;

// The host's account events around a conference: drive files and profile pictures. They belong to the host, not to
// the conference, so their payloads carry host_id and company_id only.
internal sealed partial class ConferenceScript
{
    private void PlanHostAccountEvents()
    {
        List<PayloadField> HostFields() => [PayloadField.Of(Field.HostId, _setup.HostId), PayloadField.Of(Field.CompanyId, _setup.CompanyId)];

        if (_random.Chance(0.15))
        {
            // Sent once the upload is finished and processed; the host deletes some files again minutes later.
            var id = _ids.NextFile();
            var addedAt = Start + _random.Between(0, Length);
            var file = DriveFiles.Draw(_details, sizeQuantile: _random.NextDouble());
            Add(addedAt, DriveFileAdded, [.. HostFields(), PayloadField.Of(Field.Id, id), PayloadField.Of(Field.Filename, file.Filename), PayloadField.Of(Field.Size, file.SizeBytes)]);
            if (_random.Chance(0.3))
            {
                Add(addedAt + _random.Between(60_000, 600_000), DriveFileDeleted, [.. HostFields(), PayloadField.Of(Field.Id, id), PayloadField.Of(Field.Filename, file.Filename)]);
            }
        }

        if (_random.Chance(0.12))
        {
            // Most uploads succeed; a wrong format or an oversized image fails now and then.
            Add(Start + _random.Between(0, Length), _random.Chance(0.75) ? ProfilePictureUploadSuccess : ProfilePictureUploadFailure, HostFields());
        }
    }
}
