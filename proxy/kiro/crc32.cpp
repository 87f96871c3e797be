// SPDX-License-Identifier: MIT
// Crc32: table-driven reflected CRC-32 (polynomial 0xEDB88320).
#include "kiro/crc32.h"

#include <array>

namespace {
constexpr std::array<quint32, 256> makeTable()
{
    std::array<quint32, 256> table{};
    for (quint32 i = 0; i < 256; ++i) {
        quint32 c = i;
        for (int k = 0; k < 8; ++k)
            c = (c & 1) ? (0xEDB88320u ^ (c >> 1)) : (c >> 1);
        table[i] = c;
    }
    return table;
}
constexpr auto kTable = makeTable();
} // namespace

quint32 Crc32::compute(QByteArrayView data)
{
    quint32 crc = 0xFFFFFFFFu;
    for (const char ch : data)
        crc = kTable[(crc ^ quint8(ch)) & 0xFFu] ^ (crc >> 8);
    return crc ^ 0xFFFFFFFFu;
}
