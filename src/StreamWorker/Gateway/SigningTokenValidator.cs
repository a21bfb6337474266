using System.Security.Cryptography;
using System.Text;

namespace StreamWorker.Gateway;

/// <summary>
/// Checks <c>x-signing-token</c> against every configured token in constant time. Tokens are compared as
/// SHA-256 digests so that neither the length nor the content of a configured token leaks through timing,
/// and every token is always compared (no early exit), which keeps rotation safe.
/// </summary>
public sealed class SigningTokenValidator
{
    private readonly byte[][] _digests;

    public SigningTokenValidator(IEnumerable<string> tokens)
    {
        _digests = tokens.Where(t => !string.IsNullOrEmpty(t)).Select(Digest).ToArray();
    }

    public int TokenCount => _digests.Length;

    public bool IsValid(string? presented)
    {
        if (string.IsNullOrEmpty(presented))
        {
            return false;
        }

        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        var maxBytes = Encoding.UTF8.GetMaxByteCount(presented.Length);
        var buffer = maxBytes <= 512 ? stackalloc byte[maxBytes] : new byte[maxBytes];
        var written = Encoding.UTF8.GetBytes(presented, buffer);
        SHA256.HashData(buffer[..written], digest);
        var match = false;
        foreach (var candidate in _digests)
        {
            match |= CryptographicOperations.FixedTimeEquals(candidate, digest);
        }

        return match;
    }

    private static byte[] Digest(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}
