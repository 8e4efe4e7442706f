#include "StrictJson.h"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <stdexcept>

namespace concur::json {

OrderedJson locationToJson(const std::string &File, unsigned Line, unsigned Column) {
  return {{"file", File}, {"line", Line}, {"column", Column}};
}

[[noreturn]] void fail(const std::string &Path, const std::string &What) {
  throw std::runtime_error(Path + ": " + What);
}

std::string member(const std::string &Path, std::string_view Key) {
  return Path + "." + std::string(Key);
}

std::string element(const std::string &Path, std::size_t Index) {
  return Path + "[" + std::to_string(Index) + "]";
}

std::string got(const Json &V) {
  switch (V.type()) {
  case Json::value_t::null:
    return ", got null";
  case Json::value_t::object:
    return ", got an object";
  case Json::value_t::array:
    return ", got an array";
  case Json::value_t::string:
    return ", got a string";
  case Json::value_t::boolean:
    return ", got a boolean";
  case Json::value_t::number_float:
    return ", got " + V.dump();
  case Json::value_t::number_integer:
  case Json::value_t::number_unsigned:
    return ", got " + V.dump();
  default:
    return "";
  }
}

void expectObject(const Json &V, const std::string &Path,
                  std::initializer_list<std::string_view> Required,
                  std::initializer_list<std::string_view> Optional) {
  if (!V.is_object())
    fail(Path, "expected an object" + got(V));
  for (std::string_view Key : Required)
    if (!V.contains(Key))
      fail(Path, "missing required key \"" + std::string(Key) + "\"");
  auto Known = [&](const std::string &Key) {
    return std::find(Required.begin(), Required.end(), Key) != Required.end() ||
           std::find(Optional.begin(), Optional.end(), Key) != Optional.end();
  };
  for (const auto &[Key, Value] : V.items())
    if (!Known(Key))
      fail(member(Path, Key), "unknown key");
}

const Json &expectArray(const Json &V, const std::string &Path) {
  if (!V.is_array())
    fail(Path, "expected an array" + got(V));
  return V;
}

std::string readString(const Json &Object, const std::string &Path,
                       std::string_view Key) {
  const Json &V = Object.at(Key);
  if (!V.is_string())
    fail(member(Path, Key), "expected a string" + got(V));
  return V.get<std::string>();
}

std::string readNonEmptyString(const Json &Object, const std::string &Path,
                               std::string_view Key) {
  std::string Text = readString(Object, Path, Key);
  if (Text.empty())
    fail(member(Path, Key), "expected a non-empty string");
  return Text;
}

unsigned readUnsigned(const Json &Object, const std::string &Path,
                      std::string_view Key) {
  const Json &V = Object.at(Key);
  if (!V.is_number_integer())
    fail(member(Path, Key), "expected an integer" + got(V));
  if (V.is_number_unsigned()) {
    auto Value = V.get<std::uint64_t>();
    if (Value > std::numeric_limits<unsigned>::max())
      fail(member(Path, Key), "integer out of range" + got(V));
    return static_cast<unsigned>(Value);
  }
  if (V.get<std::int64_t>() < 0)
    fail(member(Path, Key), "expected a non-negative integer" + got(V));
  return static_cast<unsigned>(V.get<std::int64_t>());
}

bool readBool(const Json &Object, const std::string &Path, std::string_view Key) {
  const Json &V = Object.at(Key);
  if (!V.is_boolean())
    fail(member(Path, Key), "expected true or false" + got(V));
  return V.get<bool>();
}

std::vector<std::string> readStrings(const Json &V, const std::string &Path) {
  std::vector<std::string> Out;
  const Json &Items = expectArray(V, Path);
  for (std::size_t I = 0; I < Items.size(); ++I) {
    if (!Items[I].is_string())
      fail(element(Path, I), "expected a string" + got(Items[I]));
    Out.push_back(Items[I].get<std::string>());
  }
  return Out;
}

bool readOptionalBool(const Json &Object, const std::string &Path, std::string_view Key) {
  return Object.contains(Key) && readBool(Object, Path, Key);
}

std::string readOptionalString(const Json &Object, const std::string &Path,
                               std::string_view Key) {
  return Object.contains(Key) ? readString(Object, Path, Key) : std::string();
}

void readLocationInto(const Json &Object, const std::string &Path, std::string_view Key,
                      std::string &File, unsigned &Line, unsigned &Column) {
  const Json &V = Object.at(Key);
  std::string LocPath = member(Path, Key);
  expectObject(V, LocPath, {"file", "line", "column"});
  File = readString(V, LocPath, "file");
  Line = readUnsigned(V, LocPath, "line");
  Column = readUnsigned(V, LocPath, "column");
}

} // namespace concur::json
