using QGan.MLNet.Transforms.IO;
using TorchSharp;
using static TorchSharp.torch;

namespace QGan.MLNet.Trainers.Gan.Checkpoints;

/// <summary>
/// Everything needed to continue a run bit-exactly: both networks, both Adam states, the sampling RNG, the
/// number of completed iterations, and the configuration hash and data fingerprint it was trained with.
/// One binary file, written atomically (temp + rename), so a kill during the write leaves the previous one intact.
/// </summary>
internal static class GanCheckpoint
{
    private const string Magic = "QGAN-WGANGP-CHECKPOINT";
    private const int FormatVersion = 1;
    private const string EndMarker = "END";

    public sealed record Header(string ConfigHash, string DataFingerprint, int Iteration, ulong[] RngState);

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
            if (version != FormatVersion)
            {
                throw new InvalidDataException($"{path}: checkpoint format version {version} is not supported (expected {FormatVersion})");
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
            return new Header(hash, fingerprint, iteration, rng);
        }
        catch (Exception ex) when (ex is EndOfStreamException or FormatException)
        {
            throw new InvalidDataException($"{path}: checkpoint header is truncated or corrupt", ex);
        }
    }

    private static TorchSharp.Modules.OptimizerHelper AsHelper(optim.Optimizer optimizer) =>
        optimizer as TorchSharp.Modules.OptimizerHelper ?? throw new NotSupportedException($"optimizer {optimizer.GetType().Name} cannot save its state");
}
