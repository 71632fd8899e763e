using QGan.MLNet.Trainers.Gan.Training;
using QGan.MLNet.Transforms.IO;
using TorchSharp;
using static TorchSharp.torch;

namespace QGan.MLNet.Trainers.Gan.Checkpoints;

/// <summary>
/// Everything needed to continue a run bit-exactly: both networks, both Adam states, the sampling RNG, the
/// number of completed iterations, the configuration hash and data fingerprint it was trained with and, when the run
/// has a validation split, its validation bookkeeping (best FID, iteration and generator; the early-stopping counter).
/// One binary file, written atomically (temp + rename), so a kill during the write leaves the previous one intact.
/// </summary>
public static class GanCheckpoint
{
    private const string Magic = "QGAN-WGANGP-CHECKPOINT";
    private const int FormatVersion = 2;
    private const string EndMarker = "END";

    /// <param name="Validation">Validation bookkeeping (null for runs without a validation split and in format 1 files).</param>
    public sealed record Header(string ConfigHash, string DataFingerprint, int Iteration, ulong[] RngState, ValidationState? Validation = null);

    public static void Save(
        string path, Header header, nn.Module generator, nn.Module critic, optim.Optimizer generatorOptimizer, optim.Optimizer criticOptimizer)
    {
        AtomicFile.Write(path, stream =>
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

    /// <summary>Reads only the header (to check compatibility before touching any model).</summary>
    public static Header ReadHeader(string path)
    {
        using var stream = File.OpenRead(path);
        using var reader = new BinaryReader(stream);
        return ReadHeader(reader, path);
    }

    /// <summary>Restores the networks and optimizers in place after checking hash and fingerprint.</summary>
    public static Header Load(
        string path, string expectedConfigHash, string expectedDataFingerprint,
        nn.Module generator, nn.Module critic, optim.Optimizer generatorOptimizer, optim.Optimizer criticOptimizer)
    {
        using var stream = File.OpenRead(path);
        using var reader = new BinaryReader(stream);
        var header = ReadHeader(reader, path);
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
            if (reader.ReadString() != EndMarker)
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

    private static Header ReadHeader(BinaryReader reader, string path)
    {
        try
        {
            if (reader.ReadString() != Magic)
            {
                throw new InvalidDataException($"{path}: not a QGan WGAN-GP checkpoint");
            }
            int version = reader.ReadInt32();
            if (version is < 1 or > FormatVersion)
            {
                throw new InvalidDataException($"{path}: checkpoint format version {version} is not supported (expected 1 to {FormatVersion})");
            }
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
