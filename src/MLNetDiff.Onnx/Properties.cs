using System.Runtime.CompilerServices;

// The strict check reads ML.NET's data-transform chain and its ONNX interfaces (internal, reached through the publicized
// references of build/Publicize.targets).
[assembly: IgnoresAccessChecksTo("Microsoft.ML.Core")]
[assembly: IgnoresAccessChecksTo("Microsoft.ML.Data")]
