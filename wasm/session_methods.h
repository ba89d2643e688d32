// The Session class crosses to JS as one Embind class (it can be registered only once), whose
// methods are added noun by noun, each from the file that binds that part of the engine:
// bindings.cpp registers the class and calls these in turn. Each file's converters live in its
// anonymous namespace and are named `&::name` here: unqualified, a name such as `export_vectors`
// would find namespace shelf's function first and bind that instead.
#pragma once
#include <emscripten/bind.h>

#include "shelf/session.h"

namespace shelf::js {

using SessionClass = emscripten::class_<Session>;

void add_training_methods(const SessionClass& session);   // bindings_training.cpp
void add_vectors_methods(const SessionClass& session);    // bindings_vectors.cpp
void add_index_methods(const SessionClass& session);      // bindings_index.cpp
void add_maps_methods(const SessionClass& session);       // bindings_maps.cpp
void add_documents_methods(const SessionClass& session);  // bindings_documents.cpp
void add_exports_methods(const SessionClass& session);    // bindings_exports.cpp

}  // namespace shelf::js
