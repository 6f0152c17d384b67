#include "app.hpp"

int main(int argc, char** argv) {
    return drydock::cli::run(argc, argv);
}
