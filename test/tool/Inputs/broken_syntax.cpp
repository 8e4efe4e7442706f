int main() { return undeclared_identifier; }
