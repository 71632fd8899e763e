using QGan.MLNet.Experiments.Runs;
namespace QGan.MLNet.Experiments.Tests;

/// <summary>
/// A hand-made runs.csv: 4 quantum generators (L = 1..4, Q = 120 L + 24 = 144, 264, 384, 504 parameters) and
/// 5 classical ones (depth 1, width w: 37 w + 24 = 172, 320, 616, 1208, 2392 parameters), critic widths 8 and 16
/// (26 w + 1 = 209, 417 parameters), seeds 1 and 2; index = (g * 2 + c) * 2 + s. Unless noted a row is stable:
/// completed, fid_spread 0.1, |W| 1, 5 evaluations. The instabilities (lastK 3, maxFidSpread 0.25, maxAbsW 100):
/// row 2 spread 0.5; row 6 diverged; row 7 |W| = 150; rows 34, 35 only 2 evaluations.
/// </summary>
internal static class HandMadeSweep
{
    public const string RunsCsv = """
        index,generator_kind,qubits,layers,generator_width,generator_depth,critic_width,critic_depth,seed,generator_params,critic_params,status,iterations,fid,fid_spread,max_abs_wasserstein,jsd,evaluations
        0,quantum,12,1,,,8,1,1,144,209,completed,100,10,0.1,1,0.1,5
        1,quantum,12,1,,,8,1,2,144,209,completed,100,12,0.1,1,0.1,5
        2,quantum,12,1,,,16,1,1,144,417,completed,100,8,0.5,1,0.1,5
        3,quantum,12,1,,,16,1,2,144,417,completed,100,9,0.1,1,0.1,5
        4,quantum,12,2,,,8,1,1,264,209,completed,100,7,0.1,1,0.1,5
        5,quantum,12,2,,,8,1,2,264,209,completed,100,7,0.1,1,0.1,5
        6,quantum,12,2,,,16,1,1,264,417,diverged,60,,,,,3
        7,quantum,12,2,,,16,1,2,264,417,completed,100,5,0.1,150,0.1,5
        8,quantum,12,3,,,8,1,1,384,209,completed,100,6,0.1,1,0.1,5
        9,quantum,12,3,,,8,1,2,384,209,completed,100,6,0.1,1,0.1,5
        10,quantum,12,3,,,16,1,1,384,417,completed,100,4,0.1,1,0.1,5
        11,quantum,12,3,,,16,1,2,384,417,completed,100,5,0.1,1,0.1,5
        12,quantum,12,4,,,8,1,1,504,209,completed,100,2.5,0.1,1,0.1,5
        13,quantum,12,4,,,8,1,2,504,209,completed,100,2.5,0.1,1,0.1,5
        14,quantum,12,4,,,16,1,1,504,417,completed,100,2.8,0.1,1,0.1,5
        15,quantum,12,4,,,16,1,2,504,417,completed,100,2.8,0.1,1,0.1,5
        16,classical,,,4,1,8,1,1,172,209,completed,100,12,0.1,1,0.1,5
        17,classical,,,4,1,8,1,2,172,209,completed,100,14,0.1,1,0.1,5
        18,classical,,,4,1,16,1,1,172,417,completed,100,11,0.1,1,0.1,5
        19,classical,,,4,1,16,1,2,172,417,completed,100,13,0.1,1,0.1,5
        20,classical,,,8,1,8,1,1,320,209,completed,100,8,0.1,1,0.1,5
        21,classical,,,8,1,8,1,2,320,209,completed,100,10,0.1,1,0.1,5
        22,classical,,,8,1,16,1,1,320,417,completed,100,10,0.1,1,0.1,5
        23,classical,,,8,1,16,1,2,320,417,completed,100,10,0.1,1,0.1,5
        24,classical,,,16,1,8,1,1,616,209,completed,100,7,0.1,1,0.1,5
        25,classical,,,16,1,8,1,2,616,209,completed,100,7,0.1,1,0.1,5
        26,classical,,,16,1,16,1,1,616,417,completed,100,6,0.1,1,0.1,5
        27,classical,,,16,1,16,1,2,616,417,completed,100,6,0.1,1,0.1,5
        28,classical,,,32,1,8,1,1,1208,209,completed,100,5,0.1,1,0.1,5
        29,classical,,,32,1,8,1,2,1208,209,completed,100,5,0.1,1,0.1,5
        30,classical,,,32,1,16,1,1,1208,417,completed,100,3.5,0.1,1,0.1,5
        31,classical,,,32,1,16,1,2,1208,417,completed,100,4.5,0.1,1,0.1,5
        32,classical,,,64,1,8,1,1,2392,209,completed,100,3,0.1,1,0.1,5
        33,classical,,,64,1,8,1,2,2392,209,completed,100,3,0.1,1,0.1,5
        34,classical,,,64,1,16,1,1,2392,417,completed,100,2,0.1,1,0.1,2
        35,classical,,,64,1,16,1,2,2392,417,completed,100,2,0.1,1,0.1,2

        """;

    public static string Write(string directory)
    {
        var path = Path.Combine(directory, "runs.csv");
        File.WriteAllText(path, RunsCsv.Replace("\r\n", "\n"));
        return path;
    }
}
