namespace QGan.MLNet.Transforms.Data;

/// <summary>
/// The column contract of every SAT-4 data view in the project. Readers, the synthetic generator and all
/// downstream transforms code against these names and shapes:
/// <list type="bullet">
/// <item><see cref="ImageColumn"/>: fixed-size <c>VBuffer&lt;float&gt;</c> of <see cref="PixelCount"/> values in
/// CHW order (index = channel*784 + row*28 + col; channels R, G, B, NIR), value = uint8 / 255 (so [0, 1]).</item>
/// <item><see cref="LabelColumn"/>: <see cref="int"/> 0..3 in the order of <see cref="ClassNames"/>.</item>
/// </list>
/// </summary>
public static class Sat4Schema
{
    /// <summary>Name of the image column.</summary>
    public const string ImageColumn = "Image";
    /// <summary>Name of the label column.</summary>
    public const string LabelColumn = "Label";

    /// <summary>Patch height in pixels.</summary>
    public const int Height = 28;
    /// <summary>Patch width in pixels.</summary>
    public const int Width = 28;
    /// <summary>Bands per patch.</summary>
    public const int Channels = 4;

    /// <summary>Pixels of one band (28*28).</summary>
    public const int PlaneSize = Height * Width;

    /// <summary>Values of one patch (4*28*28 = 3136).</summary>
    public const int PixelCount = Channels * PlaneSize;

    /// <summary>Number of classes.</summary>
    public const int ClassCount = 4;

    /// <summary>Channel index of the red band.</summary>
    public const int Red = 0;
    /// <summary>Channel index of the green band.</summary>
    public const int Green = 1;
    /// <summary>Channel index of the blue band.</summary>
    public const int Blue = 2;
    /// <summary>Channel index of the near-infrared band.</summary>
    public const int NearInfrared = 3;

    /// <summary>Class names in label order (0 = barren land ... 3 = none), as in the SAT-4 annotations.</summary>
    public static IReadOnlyList<string> ClassNames { get; } = ["barren land", "trees", "grassland", "none"];

    /// <summary>Folder names of the classes in the PNG layout (label order).</summary>
    public static IReadOnlyList<string> ClassFolderNames { get; } = ["barren_land", "trees", "grassland", "none"];

    /// <summary>Band names in channel order.</summary>
    public static IReadOnlyList<string> ChannelNames { get; } = ["R", "G", "B", "NIR"];

    /// <summary>The canonical split names.</summary>
    public const string TrainSplit = "train";
    /// <summary>Name of the test split.</summary>
    public const string TestSplit = "test";

    /// <summary>CHW index of (channel, row, col) inside one patch.</summary>
    public static int ChwIndex(int channel, int row, int col) => channel * PlaneSize + row * Width + col;
}
