using QGan.MLNet.Trainers.Gan.Training;
using QGan.MLNet.Transforms.IO;
using TorchSharp;
using static TorchSharp.torch;

namespace QGan.MLNet.Trainers.Gan.Checkpoints;

/// <summary>
/// Everything needed to continue a run bit-exactly: both networks, both Adam states, the sampling RNG, the
/// number of completed iterations, the configuration hash and data fingerprint it was trained with and, when the run
/// has a validation split, its validation bookkeeping (best FID, iteration and generator; the early-stopping counter).
/// One binary file, written atomically (temp + rename), so a kill during the write leaves the previous one intact,
/// and ending with the SHA-256 of its content (format version 2, <see cref="ChecksummedFile"/>), so a truncated or
/// altered file is refused naming it instead of silently changing the run. Version-1 files (written before the
/// checksum and the validation state) are still read.
/// </summary>
internal static class GanCheckpoint
{
    private const string Magic = "QGAN-WGANGP-CHECKPOINT";
    private const int FormatVersion = 2;
    private const int UnchecksummedVersion = 1;
    private const string EndMarker = "END";

    /// <summary>What a checkpoint records besides the weights and optimizer states.</summary>
    /// <param name="ConfigHash">The run's <see cref="GanTrainingOptions.ConfigHash"/> (a resume must match it).</param>
    /// <param name="DataFingerprint">Fingerprint of the training data (a resume must match it).</param>
    /// <param name="Iteration">Generator iterations completed.</param>
    /// <param name="RngState">State words of the sampling generator.</param>
    /// <param name="Validation">Validation bookkeeping (null for runs without a validation split and in format 1 files).</param>
    public sealed record Header(string ConfigHash, string DataFingerprint, int Iteration, ulong[] RngState, ValidationState? Validation = null);

    public static void Save(
        string path, Header header, nn.Module generator, nn.Module critic, optim.Optimizer generatorOptimizer, optim.Optimizer criticOptimizer)
    {
        ChecksummedFile.Write(path, stream =>
        {
            using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
            writer.Write(Magic);
            writer.Write(FormatVersion);
            writer.Write(header.ConfigHash);
            writer.Write(header.DataFingerprint);
            writer.Write(header.Iteration);
            foreach (var word in header.RngState)
            {
                writer.Write(word);
            }
            WriteValidation(writer, header.Validation);
            generator.save(writer);
            critic.save(writer);
            AsHelper(generatorOptimizer).save_state_dict(writer);
            AsHelper(criticOptimizer).save_state_dict(writer);
            writer.Write(EndMarker);
        });
    }

    /// <summary>Reads only the header (to check compatibility before touching any model); the checksum is verified.</summary>
    public static Header ReadHeader(string path)
    {
        using var reader = Open(path, out var header);
        return header;
    }

    /// <summary>Restores the networks and optimizers in place after checking checksum, hash and fingerprint.</summary>
    public static Header Load(
        string path, string expectedConfigHash, string expectedDataFingerprint,
        nn.Module generator, nn.Module critic, optim.Optimizer generatorOptimizer, optim.Optimizer criticOptimizer)
    {
        using var reader = Open(path, out var header);
        if (header.ConfigHash != expectedConfigHash)
        {
            throw new InvalidDataException(
                $"{path}: the checkpoint was written with a different training configuration (config hash {header.ConfigHash[..12]}, " +
                $"this run {expectedConfigHash[..12]}). Resume with the original options, or start a new run in another output directory.");
        }
        if (header.DataFingerprint != expectedDataFingerprint)
        {
            throw new InvalidDataException(
                $"{path}: the checkpoint was trained on different data (fingerprint {header.DataFingerprint[..12]}, " +
                $"this run {expectedDataFingerprint[..12]}). Resume with the same data set.");
        }
        try
        {
            generator.load(reader);
            critic.load(reader);
            AsHelper(generatorOptimizer).load_state_dict(reader);
            AsHelper(criticOptimizer).load_state_dict(reader);
            if (reader.ReadString() != EndMarker || reader.BaseStream.Position != reader.BaseStream.Length)
            {
                throw new InvalidDataException($"{path}: checkpoint has trailing data after the optimizer states");
            }
        }
        catch (EndOfStreamException ex)
        {
            throw new InvalidDataException($"{path}: checkpoint is truncated", ex);
        }
        return header;
    }

    /// <summary>
    /// Reads the whole file, verifies the checksum (version 2) and the header, and returns a reader positioned at the
    /// networks, over the content without the checksum.
    /// </summary>
    private static BinaryReader Open(string path, out Header header)
    {
        var bytes = File.ReadAllBytes(path);
        var reader = new BinaryReader(new MemoryStream(bytes, writable: false));
        try
        {
            int version = ReadMagicAndVersion(reader, path);
            if (version == FormatVersion)
            {
                var body = ChecksummedFile.Body(bytes, path, "Checkpoint");
                var position = reader.BaseStream.Position;
                reader.Dispose();
                reader = new BinaryReader(new MemoryStream(bytes, 0, body.Length, writable: false));
                reader.BaseStream.Position = position;
            }
            header = ReadHeaderFields(reader, path, version);
            return reader;
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    private static int ReadMagicAndVersion(BinaryReader reader, string path)
    {
        try
        {
            if (reader.ReadString() != Magic)
            {
                throw new InvalidDataException($"{path}: not a QGan WGAN-GP checkpoint");
            }
            int version = reader.ReadInt32();
            if (version != FormatVersion && version != UnchecksummedVersion)
            {
                throw new InvalidDataException($"{path}: checkpoint format version {version} is not supported (expected {FormatVersion})");
            }
            return version;
        }
        catch (Exception ex) when (ex is EndOfStreamException or FormatException)
        {
            throw new InvalidDataException($"{path}: not a QGan WGAN-GP checkpoint (header truncated or corrupt)", ex);
        }
    }

    private static Header ReadHeaderFields(BinaryReader reader, string path, int version)
    {
        try
        {
            var hash = reader.ReadString();
            var fingerprint = reader.ReadString();
            int iteration = reader.ReadInt32();
            if (iteration < 0)
            {
                throw new InvalidDataException($"{path}: checkpoint iteration {iteration} is negative");
            }
            var rng = new ulong[4];
            for (int i = 0; i < rng.Length; i++)
            {
                rng[i] = reader.ReadUInt64();
            }
            var validation = version >= 2 ? ReadValidation(reader, path) : null;
            return new Header(hash, fingerprint, iteration, rng, validation);
        }
        catch (Exception ex) when (ex is EndOfStreamException or FormatException)
        {
            throw new InvalidDataException($"{path}: checkpoint header is truncated or corrupt", ex);
        }
    }

    private static void WriteValidation(BinaryWriter writer, ValidationState? state)
    {
        writer.Write(state is not null);
        if (state is null)
        {
            return;
        }
        writer.Write(state.BestFid);
        writer.Write(state.BestIteration);
        writer.Write(state.PlateauReference);
        writer.Write(state.EvaluationsWithoutImprovement);
        writer.Write(state.BestGenerator?.Length ?? -1);
        if (state.BestGenerator is { } bytes)
        {
            writer.Write(bytes);
        }
    }

    private static ValidationState? ReadValidation(BinaryReader reader, string path)
    {
        if (!reader.ReadBoolean())
        {
            return null;
        }
        double bestFid = reader.ReadDouble();
        int bestIteration = reader.ReadInt32();
        double reference = reader.ReadDouble();
        int without = reader.ReadInt32();
        int length = reader.ReadInt32();
        if (without < 0 || length < -1)
        {
            throw new InvalidDataException($"{path}: checkpoint validation state is corrupt");
        }
        byte[]? best = null;
        if (length >= 0)
        {
            best = reader.ReadBytes(length);
            if (best.Length != length)
            {
                throw new EndOfStreamException();
            }
        }
        return new ValidationState(bestFid, bestIteration, reference, without, best);
    }

    private static TorchSharp.Modules.OptimizerHelper AsHelper(optim.Optimizer optimizer) =>
        optimizer as TorchSharp.Modules.OptimizerHelper ?? throw new NotSupportedException($"optimizer {optimizer.GetType().Name} cannot save its state");
}
