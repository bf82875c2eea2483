using System.Runtime.Versioning;

// The supervisor relies on Linux: process groups, signals, /proc, Unix sockets.
[assembly: SupportedOSPlatform("linux")]
