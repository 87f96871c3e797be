// SPDX-License-Identifier: MIT
// Crc32: table-driven reflected CRC-32 (polynomial 0xEDB88320).
#include "kiro/crc32.h"

#include <array>

namespace {
// Slicing by eight: kTables[k][b] is the CRC of byte b followed by k zero bytes, so eight input bytes take eight
// independent lookups instead of eight dependent ones (about 4× the speed of one table on the event stream).
constexpr std::array<std::array<quint32, 256>, 8> makeTables()
{
    std::array<std::array<quint32, 256>, 8> t{};
    for (quint32 i = 0; i < 256; ++i) {
        quint32 c = i;
        for (int k = 0; k < 8; ++k)
            c = (c & 1) ? (0xEDB88320u ^ (c >> 1)) : (c >> 1);
        t[0][i] = c;
    }
    for (quint32 i = 0; i < 256; ++i) {
        for (int k = 1; k < 8; ++k)
            t[k][i] = (t[k - 1][i] >> 8) ^ t[0][t[k - 1][i] & 0xFFu];
    }
    return t;
}
constexpr auto kTables = makeTables();
} // namespace

quint32 Crc32::compute(QByteArrayView data)
{
    quint32 crc = 0xFFFFFFFFu;
    const auto *p = reinterpret_cast<const quint8 *>(data.data());
    qsizetype n = data.size();
    while (n >= 8) {
        const quint32 lo = crc ^ (quint32(p[0]) | quint32(p[1]) << 8 | quint32(p[2]) << 16 | quint32(p[3]) << 24);
        const quint32 hi = quint32(p[4]) | quint32(p[5]) << 8 | quint32(p[6]) << 16 | quint32(p[7]) << 24;
        crc = kTables[7][lo & 0xFFu] ^ kTables[6][(lo >> 8) & 0xFFu] ^ kTables[5][(lo >> 16) & 0xFFu] ^
              kTables[4][lo >> 24] ^ kTables[3][hi & 0xFFu] ^ kTables[2][(hi >> 8) & 0xFFu] ^
              kTables[1][(hi >> 16) & 0xFFu] ^ kTables[0][hi >> 24];
        p += 8;
        n -= 8;
    }
    while (n-- > 0)
        crc = kTables[0][(crc ^ *p++) & 0xFFu] ^ (crc >> 8);
    return crc ^ 0xFFFFFFFFu;
}
