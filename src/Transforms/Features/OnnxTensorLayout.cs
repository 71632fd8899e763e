namespace QGan.MLNet.Transforms.Features;

/// <summary>Memory layout of the ONNX model's image input.</summary>
public enum OnnxTensorLayout
{
    /// <summary><c>[N, C, H, W]</c> (PyTorch exports, pytorch-fid).</summary>
    Nchw,

    /// <summary><c>[N, H, W, C]</c> (TensorFlow exports, e.g. the original TF FID Inception graph via tf2onnx).</summary>
    Nhwc,
}
