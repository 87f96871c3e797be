// SPDX-License-Identifier: MIT
// SseEvent: one Anthropic server-sent event (name + JSON data) before it is written to the wire.
#pragma once

#include "common/json.h"
#include <QByteArray>

struct SseEvent
{
    QByteArray name; ///< message_start, content_block_start, content_block_delta, ..., ping, error
    JsonObject data;
};
