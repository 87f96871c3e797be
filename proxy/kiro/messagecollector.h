// SPDX-License-Identifier: MIT
// MessageCollector: folds a complete Anthropic SSE event sequence into one non-streaming message (§9.5).
#pragma once

#include "common/json.h"
#include <QList>

#include "anthropic/sseevent.h"

class MessageCollector
{
public:
    /// The message of message_start with content blocks, stop reason and usage applied; tool inputs parsed
    /// from their JSON fragments ({} when empty or invalid), empty text blocks omitted.
    static JsonObject collect(const QList<SseEvent> &events);
};
