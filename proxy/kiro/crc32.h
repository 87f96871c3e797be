// SPDX-License-Identifier: MIT
// Crc32: CRC-32/ISO-HDLC (zlib, PNG, Ethernet) used by AWS event-stream framing.
#pragma once

#include <QByteArrayView>

class Crc32
{
public:
    static quint32 compute(QByteArrayView data);
};
