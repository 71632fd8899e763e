using QGan.MLNet.Core.Randomness;

namespace QGan.MLNet.Trainers.Runtime;

/// <summary>
/// The seeded sample orders of the epoch-based trainers (autoencoder, feature network): the validation split and
/// the shuffle of every epoch. Each is a pure function of the seed (and the epoch), drawn from its own
/// <see cref="SeededRandom"/> sub-stream (0 for the split, 1 + e for epoch e), so a resumed run shuffles exactly like
/// an uninterrupted one without storing any random state.
/// </summary>
internal static class TrainingOrder
{
    private const ulong SplitStream = 0;
    private const ulong FirstEpochStream = 1;

    /// <summary>
    /// A seeded permutation of 0..count-1 whose last <c>round(count * validationFraction)</c> entries (at least one
    /// when the fraction is positive) are held out; fails when fewer than 2 remain for training.
    /// </summary>
    public static (int[] Train, int[] Validation) Split(int count, double validationFraction, int seed, string items)
    {
        var order = Enumerable.Range(0, count).ToArray();
        Stream(seed, SplitStream).Shuffle(order.AsSpan());
        var validation = validationFraction > 0 ? Math.Max(1, (int)Math.Round(count * validationFraction)) : 0;
        if (count - validation < 2)
        {
            throw new ArgumentException($"{count} {items} leave fewer than 2 for training after a {validationFraction:P0} validation split.");
        }
        return (order[..^validation], order[^validation..]);
    }

    /// <summary>The training indices in the order of epoch <paramref name="epoch"/> (a shuffled copy).</summary>
    public static int[] ForEpoch(int[] trainIndices, int seed, int epoch)
    {
        var order = (int[])trainIndices.Clone();
        Stream(seed, FirstEpochStream + (ulong)epoch).Shuffle(order.AsSpan());
        return order;
    }

    private static SeededRandom Stream(int seed, ulong stream) => SeededRandom.ForStream(unchecked((ulong)seed), stream);
}
