using QGan.MLNet.Core.Randomness;
using QGan.MLNet.Trainers.Gan.Models;
using QGan.MLNet.Trainers.Gan.Training;
using QGan.MLNet.Transforms.Evaluation;

namespace QGan.MLNet.Experiments.Measurement;

/// <summary>What the end-of-run evaluation computes (the sweep's <c>evaluation</c> settings).</summary>
/// <param name="FidInfinity">Also extrapolate the latent FID to infinitely many generated samples (<see cref="Transforms.Evaluation.FidInfinity"/>).</param>
/// <param name="PixelFid">Also compute the pixel-space FID (a C*H*W covariance; the sweep does it in a post-pass for the best cells).</param>
public sealed record EvaluationSettings(bool FidInfinity, bool PixelFid);

/// <summary>
/// The end-of-run evaluation of the reported generator (docs/sweep.md, "Measurement"): as many generated samples as the
/// held-out (test) split has rows, compared with it in every space the maps support; optionally FID-infinity.
/// </summary>
/// <param name="EvalSamples">Samples per set (real and generated).</param>
/// <param name="Spaces">FID and JSD per space (<see cref="QualitySpace"/>).</param>
/// <param name="FidInfinity">Latent FID-infinity (null unless asked for).</param>
public sealed record RunEvaluation(int EvalSamples, IReadOnlyDictionary<string, SpaceQuality> Spaces, double? FidInfinity);

/// <summary>Evaluates a trained generator against a real set (see <see cref="RunEvaluation"/>).</summary>
public static class RunEvaluator
{
    /// <summary>Noise seeds of the evaluation are the run seed XOR this (independent of the training streams).</summary>
    public const ulong NoiseSalt = 0xE7A1_5EED_0000UL;

    /// <param name="generator">The reported generator.</param>
    /// <param name="test">The held-out (test) split in every space.</param>
    /// <param name="maps">Decoder and feature network (as used for <paramref name="test"/>).</param>
    /// <param name="settings">Optional measurements.</param>
    /// <param name="seed">The run seed (fixes the evaluation noise).</param>
    public static RunEvaluation Evaluate(TrainedGenerator generator, SpaceSet test, SpaceMaps maps, EvaluationSettings settings, long seed)
    {
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentNullException.ThrowIfNull(test);
        ArgumentNullException.ThrowIfNull(maps);
        ArgumentNullException.ThrowIfNull(settings);
        int n = test.Count;
        var rng = new SeededRandom(unchecked((ulong)seed) ^ NoiseSalt);
        var latents = Generate(generator, n, rng);
        var generated = SpaceSet.From(latents, generator.LatentDimension, maps, "generated");
        var spaces = new SortedDictionary<string, SpaceQuality>(StringComparer.Ordinal);
        foreach (var space in maps.Spaces)
        {
            if (test.Compare(generated, space, settings.PixelFid) is { } quality)
            {
                spaces[space] = quality;
            }
        }
        double? infinity = null;
        if (settings.FidInfinity)
        {
            // A pool of 2n generated latents (the n above and n more); subsets of n/2.5 .. 2n are extrapolated in 1/N.
            var more = Generate(generator, n, rng);
            var pool = generated.Latents.Concat(SpaceSet.Split(more, generator.LatentDimension)).ToList();
            infinity = Transforms.Evaluation.FidInfinity.Estimate(test.LatentStatistics, pool, seed: unchecked((ulong)seed)).Value;
        }
        return new RunEvaluation(n, spaces, infinity);
    }

    /// <summary>FID and JSD of two real sets (e.g. validation and test) per space: the noise floor of the measurement.</summary>
    public static IReadOnlyDictionary<string, SpaceQuality> Compare(SpaceSet a, SpaceSet b, SpaceMaps maps, bool pixelFid)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(maps);
        var spaces = new SortedDictionary<string, SpaceQuality>(StringComparer.Ordinal);
        foreach (var space in maps.Spaces)
        {
            if (a.Compare(b, space, pixelFid) is { } quality)
            {
                spaces[space] = quality;
            }
        }
        return spaces;
    }

    /// <summary>
    /// The pixel FID of the same generated samples <see cref="Evaluate"/> compares (same noise), for the runs that get it
    /// after the sweep; null without a decoder.
    /// </summary>
    public static double? PixelFid(TrainedGenerator generator, SpaceSet test, SpaceMaps maps, long seed)
    {
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentNullException.ThrowIfNull(test);
        ArgumentNullException.ThrowIfNull(maps);
        if (maps.Decoder is null)
        {
            return null;
        }
        var latents = Generate(generator, test.Count, new SeededRandom(unchecked((ulong)seed) ^ NoiseSalt));
        var generated = SpaceSet.From(latents, generator.LatentDimension, maps with { Features = null }, "generated");
        return test.Compare(generated, QualitySpace.Pixel, pixelFid: true)?.Fid;
    }

    private static float[] Generate(TrainedGenerator generator, int count, SeededRandom rng)
    {
        var noise = new float[count * generator.NoiseDimension];
        rng.FillNormal(noise);
        return generator.Generate(noise);
    }
}
