import FSCLI
import Foundation

exit(FSCLI.main(Array(CommandLine.arguments.dropFirst())))
