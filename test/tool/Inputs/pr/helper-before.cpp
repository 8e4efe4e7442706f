void refresh() {
}
