// SPDX-License-Identifier: MIT
// SseWriter: byte-exact Anthropic server-sent events ("event: <name>\ndata: <compact json>\n\n").
#pragma once

#include <QByteArray>

#include "anthropic/apierror.h"
#include "anthropic/sseevent.h"

class SseWriter
{
public:
    static QByteArray encode(const SseEvent &event);
    /// Appends encode(event) to `out` (a batch of events becomes one buffer, one socket write).
    static void appendTo(QByteArray &out, const SseEvent &event);
    static QByteArray ping();
    /// The `error` event Anthropic sends after a stream has started.
    static SseEvent errorEvent(const ApiError &error);
};
